"""Constants shared by the Home Assistant shell of guest_pins."""

import logging
from typing import Final

DOMAIN: Final = "guest_pins"
LOGGER: Final = logging.getLogger(__package__)

CONF_TIME_ZONE: Final = "time_zone"
