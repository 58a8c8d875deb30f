from django.urls import path

from upward.web.accounts import manage_views, views
from upward.web.core.permissions import signed_in

app_name = "accounts"

urlpatterns = [
    path("accounts/sign-in/", views.sign_in, name="login"),
    path("accounts/sign-out/", views.sign_out, name="logout"),
    path("accounts/sign-up/", views.sign_up, name="signup"),
    path("accounts/activate/<str:token>/", views.activate, name="activate"),
    path("accounts/invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("me/", views.me, name="me"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("me/career/add/", views.career_add, name="career_add"),
    path("me/career/<int:entry_id>/remove/", views.career_remove, name="career_remove"),
    path("me/password/", signed_in(views.PasswordChangeView.as_view()), name="password_change"),
    path("me/tokens/", views.tokens, name="tokens"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/delete/", views.account_delete, name="account_delete"),
    path("people/", views.people, name="people"),
    path("people/<int:profile_id>/", views.person, name="person"),
    path("manage/people/", manage_views.people, name="manage_people"),
    path("manage/people/<int:user_id>/roles/", manage_views.roles, name="manage_roles"),
    path("manage/invitations/", manage_views.invitations, name="manage_invitations"),
    path("manage/invitations/<int:invitation_id>/revoke/", manage_views.invitation_revoke,
         name="invitation_revoke"),
]
