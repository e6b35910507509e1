"""``python -m app.sandbox``: start the practice system."""

from app.sandbox import main

if __name__ == "__main__":
    raise SystemExit(main())
