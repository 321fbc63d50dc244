#!/usr/bin/env python
from chiso.__main__ import main

if __name__ == "__main__":
    main()
