#include "session/logging.h"

Q_LOGGING_CATEGORY(lcSession, "orkestr.session", QtInfoMsg)
