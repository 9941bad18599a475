"""``/api/v1/``: the ninja API's routes, every answer JSON (see api.api.json_urlpatterns)."""

from .api import api, json_urlpatterns

app_name = "api"
urlpatterns = json_urlpatterns(api)
