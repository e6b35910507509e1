"""The X11 desktop: keyboard tables and the typing plan, key decoding, the key watch, windows
and text input, the clipboard. Only this package talks to the X server through python-xlib."""
