"""Platform drivers: one module per system knows its windows and how to type text into them."""
