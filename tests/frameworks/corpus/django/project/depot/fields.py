"""The project's own field classes: the replay follows them to their column types."""
from django.db import models


class CodeField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(*args, **kwargs)


class MacField(models.Field):
    def db_type(self, connection):
        return "macaddr"
