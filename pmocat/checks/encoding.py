"""encoding: the file is not UTF-8 text.

pmocat reads catalogue files as UTF-8 (with or without a byte order mark; UTF-16 with a
byte order mark is read too). A file saved in another encoding, such as Latin-1 or
Windows-1252, has bytes that are not UTF-8 wherever it holds an accented letter or a
currency sign. The position is the first such byte: re-save the file as UTF-8.

Failing:
```yaml
# services/cafe-review.yaml, saved as Latin-1: the é is the single byte 0xE9
name: Café review
```
Passing:
```yaml
# services/cafe-review.yaml, saved as UTF-8
name: Café review
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "encoding"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
