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
#include <QTabWidget>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {

// The widest a copyable text grows before it scrolls: a snippet of about 100 columns.
constexpr int MaxTextWidth = 900;

} // namespace

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
    auto *lines = new QFormLayout;
    lines->addRow(tr("Environment"), copyableLine(credentials.exportLine(), u"agentExport"_s));
    lines->addRow(tr("Base URL (the SDK's baseUrl option)"),
                  copyableLine(credentials.baseUrlText(), u"agentBaseUrl"_s));
    m_resultLayout->addLayout(lines);
    auto *javaScript = copyableSnippet(credentials.javaScriptSnippet(), u"agentJavaScript"_s);
    auto *python = copyableSnippet(credentials.pythonSnippet(), u"agentPython"_s);
    auto *snippets = new QTabWidget(m_result);
    snippets->addTab(javaScript, tr("JavaScript"));
    snippets->addTab(python, tr("Python"));
    m_resultLayout->addWidget(snippets);
    m_result->show();
    adjustSize();
}

QPushButton *ConnectAgentDialog::copyButton(const QString &objectName, std::function<QString()> text)
{
    auto *copy = new QPushButton(tr("Copy"), m_result);
    copy->setObjectName(objectName + u"Copy"_s);
    connect(copy, &QPushButton::clicked, this,
            [text = std::move(text)] { QGuiApplication::clipboard()->setText(text()); });
    return copy;
}

QWidget *ConnectAgentDialog::copyableLine(const QString &text, const QString &objectName)
{
    auto *row = new QWidget(m_result);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins({});
    auto *line = new QLineEdit(text, row);
    line->setObjectName(objectName);
    line->setReadOnly(true);
    line->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    line->setCursorPosition(0);
    line->setMinimumWidth(std::min(line->fontMetrics().horizontalAdvance(text) + 16, MaxTextWidth));
    layout->addWidget(line, 1);
    layout->addWidget(copyButton(objectName, [line] { return line->text(); }));
    return row;
}

QWidget *ConnectAgentDialog::copyableSnippet(const QString &text, const QString &objectName)
{
    auto *page = new QWidget(m_result);
    auto *layout = new QVBoxLayout(page);
    auto *view = new QPlainTextEdit(text, page);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    // Big enough for the whole snippet, so that it reads without scrolling.
    const QFontMetrics metrics(view->font());
    int widest = 0;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines)
        widest = std::max(widest, metrics.horizontalAdvance(line));
    const int chrome = 2 * (view->frameWidth() + int(view->document()->documentMargin())) + 4;
    view->setMinimumSize(std::min(widest + chrome + metrics.averageCharWidth() * 2, MaxTextWidth),
                         int(lines.size()) * metrics.lineSpacing() + chrome);
    layout->addWidget(view, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(copyButton(objectName, [view] { return view->toPlainText(); }));
    layout->addLayout(buttons);
    return page;
}

} // namespace OrkestrUi
