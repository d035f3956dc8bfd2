"""URL configuration: nothing to report here."""
from django.urls import path

from . import views

urlpatterns = [
    path("products/<int:product_id>/", views.product_detail, name="product-detail"),
    path("orders/", views.place_order, name="place-order"),
]
