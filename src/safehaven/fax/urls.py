from django.urls import path

from safehaven.fax import views

urlpatterns = [
    path("", views.fax_home, name="fax-home"),
    path("settings/", views.fax_settings, name="fax-settings"),
    path("directory/", views.directory, name="fax-directory"),
    path("directory/<int:number_pk>/assess/", views.assess, name="fax-assess"),
    path("speed-dials/", views.speed_dial_list, name="fax-speed-dials"),
    path(
        "speed-dials/<int:pk>/<slug:action>/",
        views.speed_dial_action,
        name="fax-speed-dial-action",
    ),
    path("new/<int:service_user_pk>/", views.job_new, name="fax-new"),
    path("<int:pk>/", views.job_detail, name="fax-detail"),
    path("<int:pk>/number/", views.job_number, name="fax-number"),
    path("<int:pk>/safe-haven/", views.job_safe_haven, name="fax-safe-haven"),
    path("<int:pk>/send/", views.job_send, name="fax-send"),
    path("<int:pk>/retry/", views.job_retry, name="fax-retry"),
    path("<int:pk>/receipt/", views.job_receipt, name="fax-receipt"),
    path("<int:pk>/stop/", views.job_stop, name="fax-stop"),
    path("<int:pk>/fax.pdf", views.job_pdf, name="fax-pdf"),
    path("incoming/<int:pk>/", views.incoming, name="fax-incoming"),
    path("incoming/<int:pk>/fax.pdf", views.incoming_pdf, name="fax-incoming-pdf"),
]
