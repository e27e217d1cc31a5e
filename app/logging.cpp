#include "app/logging.h"

namespace OrkestrDesk {

Q_LOGGING_CATEGORY(lcApp, "orkestr.app", QtInfoMsg)

} // namespace OrkestrDesk
