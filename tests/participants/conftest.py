import pytest


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploads kept for the preview go to a throwaway private folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path / "private"
