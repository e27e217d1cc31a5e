#include "session/prompter.h"

namespace OrkestrSession {

Prompter::~Prompter() = default;

} // namespace OrkestrSession
