"""Suite-wide settings: PINs are hashed with minimal argon2 cost in tests (the PIN logic is under test, not the
hash's strength; production keeps argon2's defaults)."""

import os

os.environ.setdefault("CONTEST_FAST_PIN_HASH", "1")
