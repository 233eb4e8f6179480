from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    if settings.UPR_REQUIRE_2FA:
        return []
    return [
        Warning(
            "Two-factor authentication is not required (DJANGO_REQUIRE_2FA is off).",
            hint="Organisers and report administrators see the names of human rights "
            "defenders: leave DJANGO_REQUIRE_2FA unset in production.",
            id="security.W001",
        )
    ]


@register(Tags.security, deploy=True)
def trusted_proxy_count(app_configs, **kwargs):
    if settings.UPR_TRUSTED_PROXY_COUNT >= 0:
        return []
    return [
        Warning(
            "DJANGO_TRUSTED_PROXY_COUNT is negative.",
            hint="Set it to the number of reverse proxies in front of the app (0 for none).",
            id="security.W002",
        )
    ]
