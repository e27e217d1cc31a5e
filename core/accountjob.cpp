#include "core/accountjob.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

GetAccountJob::GetAccountJob(QObject *parent)
    : ObjectJob("GET", u"/v1/account"_s, parent)
{
}

} // namespace Orkestr
