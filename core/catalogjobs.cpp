#include "core/catalogjobs.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

GetAccountJob::GetAccountJob(QObject *parent)
    : ObjectJob("GET", u"/v1/account"_s, parent)
{
}

GetTemplatesJob::GetTemplatesJob(QObject *parent)
    : ArrayFieldJob(u"/v1/templates"_s, u"templates"_s, parent)
{
}

GetRegionsJob::GetRegionsJob(QObject *parent)
    : ArrayFieldJob(u"/v1/regions"_s, u"regions"_s, parent)
{
}

} // namespace Orkestr
