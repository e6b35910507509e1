"""``python -m app.gui.sandbox``: start the practice system."""

from app.gui.sandbox import main

if __name__ == "__main__":
    raise SystemExit(main())
