#pragma once

#include "core/redaction.h"

#include <QLoggingCategory>

// OrkestrCore's logging categories. Nothing logged carries the API token: texts that may hold it
// go through redacted() (core/redaction.h) first. Enable with QT_LOGGING_RULES, e.g.
// "orkestr.core.network.debug=true" for every request's start and end.
Q_DECLARE_LOGGING_CATEGORY(lcCore)
// Requests: start and end at debug level, retries and rate-limit waits at info.
Q_DECLARE_LOGGING_CATEGORY(lcCoreNetwork)
