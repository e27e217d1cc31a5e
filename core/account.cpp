#include "core/account.h"

#include "core/wirefields.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

bool Account::canWrite() const
{
    return token.scopes.contains(u"sandboxes:write"_s);
}

ORKESTR_WIRE_VALUE_FIELDS(Account, AccountFields)

} // namespace Orkestr
