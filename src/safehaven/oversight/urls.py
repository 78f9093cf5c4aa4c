from django.urls import path

from safehaven.oversight import views

urlpatterns = [
    path("", views.dashboard, name="oversight-dashboard"),
    path("disclosures.csv", views.disclosures_csv, name="oversight-disclosures-csv"),
    path("near-misses/", views.near_miss_list, name="oversight-near-misses"),
    path("near-misses.csv", views.near_miss_csv, name="oversight-near-misses-csv"),
    path("breaches/", views.breach_list, name="oversight-breaches"),
    path("breaches.csv", views.breach_csv, name="oversight-breaches-csv"),
    path("breaches/new/", views.breach_new, name="oversight-breach-new"),
    path("breaches/<int:pk>/", views.breach_detail, name="oversight-breach-detail"),
    path("breaches/<int:pk>/facts/", views.breach_facts, name="oversight-breach-facts"),
    path("breaches/<int:pk>/aware/", views.breach_aware, name="oversight-breach-aware"),
    path("breaches/<int:pk>/ico-report/", views.breach_ico_report, name="oversight-breach-ico"),
    path("breaches/<int:pk>/decision/", views.breach_decision, name="oversight-breach-decision"),
]
