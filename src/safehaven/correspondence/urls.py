from django.urls import path

from safehaven.correspondence import views

urlpatterns = [
    path("", views.letter_list, name="letter-list"),
    path("new/", views.letter_new, name="letter-new"),
    path("<int:pk>/", views.letter_detail, name="letter-detail"),
    path("<int:pk>/query/", views.query_raise, name="letter-query"),
    path("<int:pk>/query/<int:qid>/answer/", views.query_answer, name="letter-query-answer"),
    path("<int:pk>/desensitise/", views.letter_desensitise, name="letter-desensitise"),
    path("<int:pk>/cancel/", views.letter_cancel, name="letter-cancel"),
    path("<int:pk>/returned/", views.letter_returned, name="letter-returned"),
    path("<int:pk>/print/", views.letter_print, name="letter-print"),
    path("<int:pk>/letter.pdf", views.letter_pdf, name="letter-pdf"),
    path("<int:pk>/dispatch/", views.letter_dispatch, name="letter-dispatch"),
]
