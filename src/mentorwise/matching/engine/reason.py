"""A reason the engine gives, as an English sentence carrying its code and values. It imports
nothing, so the web application can read stored reasons without loading the engine (numpy,
SciPy, Numba, OR-Tools stay in the process that runs matches)."""

from __future__ import annotations


class Reason(str):
    """A reason as an English sentence that also carries what it says as data: ``code`` names
    the sentence, ``params`` its values (names, labels, numbers; JSON-friendly). The English
    text is what the engine's callers and tests read; the web application renders ``code`` and
    ``params`` again in the reader's language (matching/services/reasons.py), since the engine
    knows no Django and no translation."""

    code: str
    params: dict

    def __new__(cls, text: str, code: str, **params) -> Reason:
        obj = super().__new__(cls, text)
        obj.code = code
        obj.params = params
        return obj

    def __reduce__(self):  # cached suggestions keep their code and values
        return (_reason, (str(self), self.code, self.params))

    def as_data(self) -> dict:
        return {"code": self.code, "params": self.params, "text": str(self)}


def _reason(text: str, code: str, params: dict) -> Reason:
    return Reason(text, code, **params)
