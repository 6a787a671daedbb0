from django.db import models


class Person(models.Model):
    """Mentorwise's accounts, read only."""

    email = models.EmailField()
    name = models.CharField(max_length=150)

    class Meta:
        managed = False
        db_table = "accounts_user"

    def __str__(self) -> str:
        return self.name
