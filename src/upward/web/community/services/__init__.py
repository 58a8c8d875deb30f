"""Writes for the community. Other apps call these, never the models directly."""

from upward.web.community.services.conversations import (  # noqa: F401
    conversation_answer,
    conversation_request,
)
from upward.web.community.services.curation import (  # noqa: F401
    reaction_kind_save,
    story_feature_set,
    story_public_decide,
    story_retag,
    tag_save,
)
from upward.web.community.services.discussions import (  # noqa: F401
    category_save,
    category_subscription_set,
    reply_accept,
    reply_create,
    reply_update,
    thread_create,
    thread_subscription_set,
    thread_update,
)
from upward.web.community.services.moderation import (  # noqa: F401
    POST_KINDS,
    flag_create,
    flags_dismiss,
    lock_set,
    member_suspend,
    mute_set,
    post_approve,
    post_edit,
    post_hide,
    post_reject,
    post_restore,
    suspension_lift,
    watched_word_add,
    watched_word_remove,
)
from upward.web.community.services.notifications import (  # noqa: F401
    digest_send,
    member_settings,
    member_settings_update,
    notification_mark_read,
)
from upward.web.community.services.responses import (  # noqa: F401
    bookmark_toggle,
    comment_create,
    reaction_toggle,
    story_share,
)
from upward.web.community.services.stories import (  # noqa: F401
    stories_release_due,
    story_create,
    story_delete,
    story_submit,
    story_update,
    story_withdraw,
)
