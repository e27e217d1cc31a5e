#include "core/logging.h"

Q_LOGGING_CATEGORY(lcCore, "orkestr.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCoreNetwork, "orkestr.core.network", QtInfoMsg)
