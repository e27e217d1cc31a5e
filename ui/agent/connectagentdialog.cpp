#include "ui/agent/connectagentdialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

ConnectAgentDialog::ConnectAgentDialog(const OrkestrSession::LocalServerTarget &target,
                                       OrkestrSession::AgentTokenIssuer::Keeper keeper, QWidget *parent)
    : QDialog(parent)
    , m_issuer(target)
{
    setWindowTitle(tr("Connect an agent"));
    setObjectName(u"connectAgentDialog"_s);
    m_issuer.setKeeper(std::move(keeper));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_form = new QWidget(this);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins({});
    m_name = new QLineEdit(m_form);
    m_name->setObjectName(u"agentName"_s);
    m_name->setPlaceholderText(tr("e.g. research-bot"));
    form->addRow(tr("&Name:"), m_name);
    auto *access = new QWidget(m_form);
    auto *accessLayout = new QVBoxLayout(access);
    accessLayout->setContentsMargins({});
    auto *readWrite
        = new QRadioButton(tr("Read and &write: create sandboxes, run commands, write files"), access);
    m_readOnly = new QRadioButton(tr("&Read only: look at sandboxes, files and activity"), access);
    m_readOnly->setObjectName(u"agentReadOnly"_s);
    readWrite->setChecked(true);
    accessLayout->addWidget(readWrite);
    accessLayout->addWidget(m_readOnly);
    form->addRow(tr("Access:"), access);
    m_problem = new QLabel(m_form);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(u"agentProblem"_s);
    form->addRow(m_problem);
    layout->addWidget(m_form);

    m_result = new QWidget(this);
    m_resultLayout = new QVBoxLayout(m_result);
    m_resultLayout->setContentsMargins({});
    m_result->hide();
    layout->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_create = buttons->addButton(tr("Create &token"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(u"createAgentToken"_s);
    m_create->setDefault(true);
    connect(m_create, &QPushButton::clicked, this, &ConnectAgentDialog::createToken);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(&m_issuer, &OrkestrSession::AgentTokenIssuer::issued, this, &ConnectAgentDialog::showCredentials);
    connect(&m_issuer, &OrkestrSession::AgentTokenIssuer::failed, this, [this](const QString &message) {
        m_problem->setText(message);
        m_form->setEnabled(true);
        m_create->setEnabled(true);
    });

    if (!target.isValid()) {
        intro->setText(tr("Agents can be connected to the orkestr-local on this machine: choose the Local "
                          "connection first. For another server, create the token where that server is "
                          "administered."));
        m_form->hide();
        m_create->hide();
        return;
    }
    intro->setText(
        target.service
            ? tr("Create a token for an agent that drives sandboxes on this machine through the SDK. "
                 "Everything it does shows its name as the actor.")
            : tr("Create a token for an agent that drives sandboxes on this machine through the SDK. "
                 "Everything it does shows its name as the actor. The embedded server answers only "
                 "while Orkestr Desk runs, on a port that changes: install the orkestr-local user "
                 "service for a stable address."));
}

ConnectAgentDialog::~ConnectAgentDialog() = default;

void ConnectAgentDialog::createToken()
{
    const QString name = m_name->text().trimmed();
    if (const QString problem = OrkestrSession::AgentTokenIssuer::checkName(name); !problem.isEmpty()) {
        m_problem->setText(problem);
        return;
    }
    m_problem->setText(tr("Creating the token…"));
    m_form->setEnabled(false);
    m_create->setEnabled(false);
    m_issuer.issue(name, !m_readOnly->isChecked());
}

void ConnectAgentDialog::showCredentials(const OrkestrSession::AgentCredentials &credentials)
{
    m_form->hide();
    m_create->hide();
    auto *once = new QLabel(tr("The token of \"%1\" is shown only now: copy it into the agent's environment. "
                               "It is also kept in the keychain.")
                                .arg(credentials.name),
                            m_result);
    once->setWordWrap(true);
    m_resultLayout->addWidget(once);
    addCopyable(tr("Environment"), credentials.exportLine(), u"agentExport"_s);
    addCopyable(tr("Base URL (the SDK's baseUrl option)"), credentials.baseUrlText(), u"agentBaseUrl"_s);
    addCopyable(tr("JavaScript"), credentials.javaScriptSnippet(), u"agentJavaScript"_s);
    addCopyable(tr("Python"), credentials.pythonSnippet(), u"agentPython"_s);
    m_result->show();
    adjustSize();
}

void ConnectAgentDialog::addCopyable(const QString &title, const QString &text, const QString &objectName)
{
    auto *header = new QHBoxLayout;
    auto *heading = new QLabel(title, m_result);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    header->addWidget(heading, 1);
    auto *copy = new QPushButton(tr("Copy"), m_result);
    copy->setObjectName(objectName + u"Copy"_s);
    header->addWidget(copy);
    m_resultLayout->addLayout(header);
    auto *view = new QPlainTextEdit(text, m_result);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    const int lines = int(text.count(u'\n')) + 1;
    view->setFixedHeight(view->fontMetrics().lineSpacing() * (lines + 1) + 8);
    m_resultLayout->addWidget(view);
    connect(copy, &QPushButton::clicked, view,
            [view] { QGuiApplication::clipboard()->setText(view->toPlainText()); });
}

} // namespace OrkestrUi
