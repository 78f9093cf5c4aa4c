from django.urls import path

from safehaven.correspondence import post_api as api

urlpatterns = [
    path("", api.PostListView.as_view(), name="api-post-list"),
    path("triage/", api.PostTriageView.as_view(), name="api-post-triage"),
    path("<int:pk>/", api.PostDetailView.as_view(), name="api-post-detail"),
    path("<int:pk>/route/", api.PostRouteView.as_view(), name="api-post-route"),
    path("<int:pk>/misdirected/", api.PostMisdirectedView.as_view(), name="api-post-misdirected"),
    path("<int:pk>/actioned/", api.PostActionedView.as_view(), name="api-post-actioned"),
    path("<int:pk>/send-back/", api.PostSendBackView.as_view(), name="api-post-send-back"),
]
