"""App configuration for study guides."""

from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Study guides"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow warns above this many pixels and refuses twice as many (decompression bombs); figures
        # are refused above the limit with a message by guides.models.validate_image_pixels.
        Image.MAX_IMAGE_PIXELS = settings.FIGURE_MAX_PIXELS
