"""Running a contest: configuration, store, services, intake, printing, export, audit, CLI and TUI.

Importing ``contest`` loads neither Textual nor reportlab; those load only where they are used.
"""

__all__: list[str] = []
