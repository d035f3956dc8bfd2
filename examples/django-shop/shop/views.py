"""Views of the shop."""
from django.http import JsonResponse

VIEW_COUNTS = {}
RECENT_ORDERS = []


def product_detail(request, product_id):
    VIEW_COUNTS[product_id] = VIEW_COUNTS.get(product_id, 0) + 1
    return JsonResponse({"id": product_id, "views": VIEW_COUNTS[product_id]})


def place_order(request):
    order = {"items": request.POST.getlist("items")}
    RECENT_ORDERS.append(order)
    return JsonResponse(order, status=201)
