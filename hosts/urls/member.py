from django.urls import path

from hosts.views import invitations, member, team

app_name = "hosts_members"

urlpatterns = [
    path("profile/", member.profile, name="profile"),
    path("projects/", member.project_list, name="projects"),
    path("projects/new/", member.project_create, name="project_create"),
    path("projects/<uuid:project_uuid>/", member.project_detail, name="project_detail"),
    path("projects/<uuid:project_uuid>/edit/", member.project_edit, name="project_edit"),
    path("projects/<uuid:project_uuid>/submit/", member.project_submit, name="project_submit"),
    path("projects/<uuid:project_uuid>/withdraw/", member.project_withdraw, name="project_withdraw"),
    path("account/", team.account, name="account"),
    path("team/invite/", team.invite, name="invite"),
    path("team/invitations/<uuid:invitation_uuid>/withdraw/", team.invitation_withdraw, name="invitation_withdraw"),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
]
