#pragma once

// What the window's tests share: sandboxes made through the API, an isolated settings file, a
// notifier that records, and the accessibility walk.

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "session/notificationpolicy.h"
#include "session/sessiontesting.h"
#include "testserver.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace WindowTesting {

inline QString createSandbox(Orkestr::Client *client, const QMap<QString, QString> &metadata = {},
                             std::optional<int> timeoutSeconds = {})
{
    Orkestr::CreateSandboxParams params;
    params.templateName = QStringLiteral("ubuntu-24.04");
    params.metadata = metadata;
    params.timeoutSeconds = timeoutSeconds;
    QString id;
    if (!SessionTest::finish(client->call<Orkestr::CreateSandboxJob>(params),
                             [&id](Orkestr::CreateSandboxJob *job) { id = job->sandbox().id; })) {
        qWarning("create failed");
        return {};
    }
    return id;
}

// A first start against a fresh orkestr-local (pro plan) with one sandbox of the given agent run:
// test-mode settings, emptied. Returns the sandbox's id (empty when something failed).
inline QString startFresh(TestServer *server, Orkestr::Client *client, const QString &agentRun)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    if (!server->start({QStringLiteral("--plan"), QStringLiteral("pro")}))
        return {};
    client->setBaseUrl(server->url());
    client->setToken(server->token());
    return createSandbox(client, {{QStringLiteral("agent_run"), agentRun}});
}

struct RecordingNotifier : OrkestrSession::Notifier
{
    QList<OrkestrSession::Notification> raised;
    void notify(const OrkestrSession::Notification &notification) override { raised.append(notification); }
    bool has(OrkestrSession::Notification::Kind kind, const QString &sandboxId) const
    {
        return std::any_of(raised.cbegin(), raised.cend(),
                           [&](const auto &n) { return n.kind == kind && n.sandboxId == sandboxId; });
    }
};

// Every control a person can operate, shown on screen, has a name a screen reader can say.
// Lists, trees and tables are checked as a whole (their rows are data, named by their text).
inline void collectUnnamed(QAccessibleInterface *iface, const QString &path, QStringList *unnamed,
                           int depth = 0)
{
    if (!iface || !iface->isValid() || depth > 40)
        return;
    const auto state = iface->state();
    if (state.invisible || state.offscreen)
        return;
    static const QSet<QAccessible::Role> controls {
        QAccessible::PushButton,     QAccessible::CheckBox,     QAccessible::RadioButton,
        QAccessible::ComboBox,       QAccessible::EditableText, QAccessible::SpinBox,
        QAccessible::Slider,         QAccessible::PageTab,      QAccessible::ButtonMenu,
        QAccessible::ButtonDropDown, QAccessible::List,         QAccessible::Tree,
        QAccessible::Table,          QAccessible::PageTabList,  QAccessible::ProgressBar,
    };
    const QString name = iface->text(QAccessible::Name);
    const QString here = path + u'/' + QString::number(int(iface->role()), 16) + u':'
        + (iface->object() ? iface->object()->objectName() : QString()) + u'(' + name + u')';
    if (controls.contains(iface->role()) && name.trimmed().isEmpty())
        unnamed->append(here);
    if (iface->role() == QAccessible::List || iface->role() == QAccessible::Tree
        || iface->role() == QAccessible::Table || iface->role() == QAccessible::ComboBox)
        return;
    for (int i = 0; i < iface->childCount(); ++i)
        collectUnnamed(iface->child(i), here, unnamed, depth + 1);
}

inline QStringList unnamedControls(QWidget *root)
{
    QStringList unnamed;
    collectUnnamed(QAccessible::queryAccessibleInterface(root), QString(), &unnamed);
    return unnamed;
}

// Buttons that show only an icon say what they do in a tooltip.
inline QStringList iconOnlyWithoutTooltip(QWidget *root)
{
    QStringList found;
    for (auto *button : root->findChildren<QAbstractButton *>()) {
        if (button->isVisibleTo(root) && button->text().isEmpty() && !button->icon().isNull()
            && button->toolTip().isEmpty())
            found.append(button->objectName() + u'@'
                         + QString::fromLatin1(button->parentWidget()->metaObject()->className()));
    }
    return found;
}

} // namespace WindowTesting
