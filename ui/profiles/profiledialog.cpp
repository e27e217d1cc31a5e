#include "ui/profiles/profiledialog.h"

#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profilestore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

ProfileDialog::ProfileDialog(ProfileStore *profiles, ConnectionManager *connections, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_connections(connections)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_inspectOnly(new QCheckBox(tr("Inspect only: disable every action that changes a sandbox"), this))
    , m_insecure(new QCheckBox(tr("Allow plain http to a host other than this machine (sends the token "
                                  "unencrypted)"),
                               this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Connections"));
    m_list->setAccessibleName(tr("Connection profiles"));
    m_name->setObjectName(u"profileName"_s);
    m_url->setObjectName(u"profileUrl"_s);
    m_url->setPlaceholderText(u"https://api.orkestr.eu"_s);
    m_token->setObjectName(u"profileToken"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("unchanged"));
    m_message->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Server URL:"), m_url);
    form->addRow(tr("API token:"), m_token);
    form->addRow(m_inspectOnly);
    form->addRow(m_insecure);
    form->addRow(m_message);

    auto *addButton = new QPushButton(tr("Add"), this);
    auto *removeButton = new QPushButton(tr("Remove"), this);
    auto *saveButton = new QPushButton(tr("Save"), this);
    saveButton->setObjectName(u"saveProfile"_s);
    connect(addButton, &QPushButton::clicked, this, &ProfileDialog::addProfile);
    connect(removeButton, &QPushButton::clicked, this, &ProfileDialog::removeCurrent);
    connect(saveButton, &QPushButton::clicked, this, &ProfileDialog::saveCurrent);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(addButton);
    listButtons->addWidget(removeButton);
    left->addLayout(listButtons);

    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addStretch();
    right->addWidget(saveButton, 0, Qt::AlignRight);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showProfile(m_list->item(row)->data(Qt::UserRole).toString());
    });
    reloadList(m_profiles->currentId());
    resize(720, 360);
}

void ProfileDialog::reloadList(const QString &selectId)
{
    m_list->clear();
    for (const auto &profile : m_profiles->profiles()) {
        auto *item = new QListWidgetItem(profile.name, m_list);
        item->setData(Qt::UserRole, profile.id);
        if (profile.id == selectId)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void ProfileDialog::showProfile(const QString &id)
{
    const auto profile = m_profiles->profile(id);
    m_editingId = id;
    m_name->setText(profile.name);
    m_url->setText(profile.embedded ? tr("(started by Orkestr Desk)") : profile.baseUrl.toString());
    m_token->clear();
    m_inspectOnly->setChecked(profile.inspectOnly);
    m_insecure->setChecked(profile.allowInsecureHttp);
    // The embedded server's address and token are the app's own business.
    m_url->setEnabled(!profile.embedded);
    m_token->setEnabled(!profile.embedded);
    m_insecure->setEnabled(!profile.embedded);
    m_message->clear();
}

void ProfileDialog::saveCurrent()
{
    auto profile = m_profiles->profile(m_editingId);
    if (profile.id.isEmpty())
        return;
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        m_message->setText(tr("A profile needs a name."));
        return;
    }
    profile.name = name;
    profile.inspectOnly = m_inspectOnly->isChecked();
    if (!profile.embedded) {
        const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)) {
            m_message->setText(
                tr("The server URL must be an http or https address, e.g. https://api.orkestr.eu."));
            return;
        }
        profile.baseUrl = url;
        profile.allowInsecureHttp = m_insecure->isChecked();
    }
    m_profiles->save(profile);
    if (!m_token->text().isEmpty())
        m_connections->setToken(profile.id, m_token->text().trimmed());
    m_token->clear();
    m_message->setText(tr("Saved."));
    reloadList(profile.id);
}

void ProfileDialog::addProfile()
{
    ConnectionProfile profile;
    profile.name = tr("New connection");
    profile.baseUrl = QUrl(u"https://api.orkestr.eu"_s);
    profile = m_profiles->save(profile);
    reloadList(profile.id);
    m_name->setFocus();
    m_name->selectAll();
}

void ProfileDialog::removeCurrent()
{
    const auto profile = m_profiles->profile(m_editingId);
    if (profile.embedded) {
        m_message->setText(tr("The local profile cannot be removed."));
        return;
    }
    m_profiles->remove(profile.id);
    m_connections->forgetToken(profile.id);
    reloadList(m_profiles->currentId());
}

} // namespace OrkestrUi
