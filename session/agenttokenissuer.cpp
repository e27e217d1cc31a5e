#include "session/agenttokenissuer.h"

#include "session/logging.h"

#include <QRegularExpression>

namespace OrkestrSession {

using namespace Qt::StringLiterals;

QString AgentCredentials::exportLine() const
{
    return u"export ORKESTR_API_KEY=%1"_s.arg(token);
}

QString AgentCredentials::baseUrlText() const
{
    return baseUrl.toString(QUrl::StripTrailingSlash);
}

QString AgentCredentials::javaScriptSnippet() const
{
    return uR"snippet(import { Sandbox } from "orkestr";

// The token comes from ORKESTR_API_KEY.
const sbx = await Sandbox.create({ template: "python-3.12", baseUrl: "%1" });
await sbx.files.write("/workspace/main.py", "print('hello from %2')");
const result = await sbx.exec("python /workspace/main.py");
console.log(result.stdout);
await sbx.terminate();
)snippet"_s.arg(baseUrlText(), name);
}

QString AgentCredentials::pythonSnippet() const
{
    return uR"snippet(from orkestr import Sandbox

# The token comes from ORKESTR_API_KEY.
with Sandbox.create(template="python-3.12", base_url="%1") as sbx:
    sbx.files.write("/workspace/main.py", "print('hello from %2')")
    print(sbx.exec("python /workspace/main.py").stdout)
)snippet"_s.arg(baseUrlText(), name);
}

AgentTokenIssuer::AgentTokenIssuer(LocalServerTarget target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
{
    connect(&m_tool, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const QByteArray output = m_tool.readAllStandardOutput().trimmed();
        if (status != QProcess::NormalExit || exitCode != 0 || !output.startsWith("ork_")) {
            Q_EMIT failed(tr("Could not create the token: %1")
                              .arg(QString::fromUtf8(m_tool.readAllStandardError()).trimmed()));
            return;
        }
        AgentCredentials credentials = std::exchange(m_pending, {});
        credentials.token = QString::fromUtf8(output);
        if (m_keeper)
            m_keeper(keychainEntry(credentials.name), credentials.token);
        qCInfo(lcSession).noquote() << "created the agent token" << credentials.name << "with prefix"
                                    << credentials.token.left(8);
        Q_EMIT issued(credentials);
    });
    connect(&m_tool, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failed(tr("Could not run %1: %2").arg(m_target.program, m_tool.errorString()));
    });
}

QString AgentTokenIssuer::checkName(const QString &name)
{
    // Shown as the actor of everything the agent does; the token subcommand's revoke also takes
    // names, so they must not look like a token's id or prefix.
    static const QRegularExpression valid(
        QRegularExpression::anchoredPattern(u"[A-Za-z0-9][A-Za-z0-9._ -]{0,63}"_s));
    if (name.isEmpty())
        return tr("Name the agent, e.g. \"research-bot\".");
    if (!valid.match(name).hasMatch() || name.endsWith(u' '))
        return tr("Use up to 64 letters, digits, spaces, dots, dashes and underscores, starting with a "
                  "letter or digit.");
    if (name.startsWith(u"ork_"_s) || name.startsWith(u"tok_"_s))
        return tr("The name must not start with \"ork_\" or \"tok_\".");
    return {};
}

void AgentTokenIssuer::issue(const QString &name, bool canWrite)
{
    if (isBusy())
        return;
    if (const QString problem = checkName(name); !problem.isEmpty()) {
        Q_EMIT failed(problem);
        return;
    }
    if (!m_target.isValid()) {
        Q_EMIT failed(tr("Agents can be connected to a local orkestr-local only."));
        return;
    }
    m_pending = {name, canWrite, {}, m_target.baseUrl};
    QStringList arguments {u"token"_s, u"create"_s, u"--name"_s, name, u"--data-dir"_s, m_target.dataDir};
    if (!canWrite)
        arguments << u"--read-only"_s;
    m_tool.start(m_target.program, arguments);
}

} // namespace OrkestrSession
