"""What the mentorships app tells the apps above it, which it cannot import (the workspace's
apps sit above it in the layers).

`mentorship_ended` is sent inside the transaction that ends a mentorship, whatever the path — a
member or an administrator ending it, the program closing it at its maximum length — with
`mentorship` and `actor` (the person who ended it, or None when the program did). Receivers act
in that same transaction: if the ending rolls back, so does what they did.
"""

from django.dispatch import Signal

mentorship_ended = Signal()
