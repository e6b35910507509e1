"""What happened when a bot ran: step and run results, the listeners that hear of them as they
happen (the run log in the store among them), and typed readers of the run history."""
