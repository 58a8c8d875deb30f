from django.urls import path

from upward.web.community.views import (
    discussions,
    history,
    manage,
    moderation,
    notifications,
    public,
    search,
    stories,
)

app_name = "community"

# Post kinds are story, comment, thread and reply; fixed paths come before these.
KIND = "<str:kind>/<int:post_id>"

urlpatterns = [
    # stories
    path("community/", stories.feed, name="feed"),
    path("community/stories/new/", stories.story_new, name="story_new"),
    path("community/stories/mine/", stories.my_stories, name="my_stories"),
    path("community/stories/<int:story_id>/", stories.story_detail, name="story"),
    path("community/stories/<int:story_id>/edit/", stories.story_edit, name="story_edit"),
    path("community/stories/<int:story_id>/withdraw/", stories.story_withdraw,
         name="story_withdraw"),
    path("community/stories/<int:story_id>/delete/", stories.story_delete, name="story_delete"),
    path("community/stories/<int:story_id>/history/", stories.story_history,
         name="story_history"),
    path("community/stories/<int:story_id>/comment/", stories.comment_create, name="comment"),
    path("community/stories/<int:story_id>/react/", stories.react, name="react"),
    path("community/stories/<int:story_id>/bookmark/", stories.bookmark, name="bookmark"),
    path("community/stories/<int:story_id>/share/", stories.share, name="share"),
    path("community/bookmarks/", stories.bookmarks, name="bookmarks"),
    # discussions
    path("community/discussions/", discussions.discussions, name="discussions"),
    path("community/discussions/<slug:slug>/", discussions.category, name="category"),
    path("community/discussions/<slug:slug>/new/", discussions.thread_new, name="thread_new"),
    path("community/discussions/<slug:slug>/subscribe/", discussions.category_subscribe,
         name="category_subscribe"),
    path("community/threads/<int:thread_id>/", discussions.thread_detail, name="thread"),
    path("community/threads/<int:thread_id>/reply/", discussions.reply_create, name="reply"),
    path("community/threads/<int:thread_id>/edit/", discussions.thread_edit,
         name="thread_edit"),
    path("community/threads/<int:thread_id>/subscribe/", discussions.thread_subscribe,
         name="thread_subscribe"),
    path("community/threads/<int:thread_id>/accept/", discussions.reply_accept,
         name="reply_accept"),
    path("community/replies/<int:reply_id>/edit/", discussions.reply_edit, name="reply_edit"),
    # search, notifications, settings
    path("community/search/", search.search, name="search"),
    path("community/notifications/", notifications.notifications, name="notifications"),
    path("community/notifications/read/", notifications.notifications_read,
         name="notifications_read"),
    path("community/settings/", notifications.settings_page, name="settings"),
    path("community/people/<int:profile_id>/mute/", notifications.mute, name="mute"),
    path(f"community/flag/{KIND}/", moderation.flag, name="flag"),
    path(f"community/history/{KIND}/", history.post_history, name="post_history"),
    # network leads
    path("community/manage/", manage.manage, name="manage"),
    path("community/manage/tags/", manage.tag_add, name="tag_add"),
    path("community/manage/tags/<int:tag_id>/", manage.tag_edit, name="tag_edit"),
    path("community/manage/tags/<int:tag_id>/toggle/", manage.tag_toggle, name="tag_toggle"),
    path("community/manage/reactions/", manage.reaction_add, name="reaction_add"),
    path("community/manage/reactions/<int:kind_id>/toggle/", manage.reaction_toggle,
         name="reaction_toggle"),
    path("community/manage/categories/new/", manage.category_edit, name="category_new"),
    path("community/manage/categories/<int:category_id>/", manage.category_edit,
         name="category_edit"),
    path("community/manage/stories/<int:story_id>/feature/", manage.feature, name="feature"),
    path("community/manage/stories/<int:story_id>/public/", manage.public_decide,
         name="public_decide"),
    path("community/manage/stories/<int:story_id>/tags/", manage.retag, name="retag"),
    # moderation
    path("moderation/", moderation.queue, name="queue"),
    path("moderation/watched-words/", moderation.watched_words, name="watched_words"),
    path("moderation/watched-words/<int:word_id>/remove/", moderation.watched_word_remove,
         name="watched_word_remove"),
    path("moderation/members/", moderation.members, name="members"),
    path("moderation/members/<int:user_id>/suspend/", moderation.suspend, name="suspend"),
    path("moderation/suspensions/<int:suspension_id>/lift/", moderation.suspension_lift,
         name="suspension_lift"),
    path(f"moderation/{KIND}/edit/", moderation.edit, name="moderate_edit"),
    path(f"moderation/{KIND}/<str:action>/", moderation.act, name="moderate"),
    # the public web
    path("stories/", public.public_index, name="public_index"),
    path("stories/feed.atom", public.PublicStoriesFeed(), name="public_feed"),
    path("stories/<int:story_id>/", public.public_story, name="public_story"),
]
