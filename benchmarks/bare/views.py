from django.shortcuts import render

from bare.models import Person


def people(request):
    rows = Person.objects.order_by("pk")[:20]
    return render(request, "people.html", {"people": rows})
