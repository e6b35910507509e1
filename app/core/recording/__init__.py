"""Recording: input events caught as they happen, streamed into the store, and turned into a
bot's steps (the coalescer is a pure function); recovery does the same for a cut-off session."""
