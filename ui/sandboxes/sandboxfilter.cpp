#include "ui/sandboxes/sandboxfilter.h"

#include "session/attention.h"

namespace OrkestrUi {

using Orkestr::Sandbox;

QString SandboxFilter::searchText(const Sandbox &sandbox)
{
    QString text = sandbox.id + u' ' + sandbox.templateName;
    for (auto it = sandbox.metadata.cbegin(); it != sandbox.metadata.cend(); ++it)
        text += u' ' + it.key() + u'=' + it.value();
    return text;
}

bool SandboxFilter::accepts(const Sandbox &sandbox) const
{
    if (!regions.isEmpty() && !regions.contains(sandbox.region))
        return false;
    if (!templates.isEmpty() && !templates.contains(sandbox.templateName))
        return false;
    if (!statuses.isEmpty() && !statuses.contains(sandbox.statusText))
        return false;
    if (attentionOnly && !OrkestrSession::needsAttention(sandbox, QDateTime::currentDateTimeUtc()))
        return false;
    if (words.isEmpty())
        return true;
    const QString text = searchText(sandbox);
    return std::all_of(words.cbegin(), words.cend(),
                       [&text](const QString &word) { return text.contains(word, Qt::CaseInsensitive); });
}

} // namespace OrkestrUi
