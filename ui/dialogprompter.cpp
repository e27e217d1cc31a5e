#include "ui/dialogprompter.h"

#include "ui/logging.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

#include <memory>

namespace OrkestrUi {

namespace {
// Calls `answer` once: with the dialog's answer, or with `otherwise` when the dialog goes away
// unanswered (its window closed under it).
template<class Answer, class Value>
std::shared_ptr<std::function<void(Value)>> once(QDialog *dialog, Answer answer, Value otherwise)
{
    auto pending = std::make_shared<std::function<void(Value)>>(std::move(answer));
    QObject::connect(dialog, &QObject::destroyed, [pending, otherwise] {
        if (auto call = std::exchange(*pending, nullptr))
            call(otherwise);
    });
    return pending;
}
} // namespace

DialogPrompter::DialogPrompter(QWidget *window)
    : m_window(window)
{
}

void DialogPrompter::confirm(const OrkestrSession::Question &question, std::function<void(bool)> answer)
{
    if (!m_window) {
        answer(false);
        return;
    }
    auto *box = new QMessageBox(question.destructive ? QMessageBox::Warning : QMessageBox::Question,
                                question.title, question.text, QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("confirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Without a label of its own, the accepting button is the standard, translated Yes.
    QAbstractButton *accept = question.acceptLabel.isEmpty()
        ? box->addButton(QMessageBox::Yes)
        : box->addButton(question.acceptLabel,
                         question.destructive ? QMessageBox::DestructiveRole : QMessageBox::AcceptRole);
    auto *cancel = box->addButton(QMessageBox::Cancel);
    // A destructive question does not go ahead on a stray Enter.
    box->setDefaultButton(question.destructive ? cancel : qobject_cast<QPushButton *>(accept));
    auto pending = once(box, std::move(answer), false);
    QObject::connect(box, &QMessageBox::finished, box, [box, accept, pending] {
        const bool accepted = box->clickedButton() == accept;
        qCDebug(lcUi) << "confirmation answered:" << accepted;
        if (auto call = std::exchange(*pending, nullptr))
            call(accepted);
    });
    box->open();
}

void DialogPrompter::askText(const OrkestrSession::Question &question, const QString &initial,
                             std::function<void(std::optional<QString>)> answer)
{
    if (!m_window) {
        answer(std::nullopt);
        return;
    }
    auto *dialog = new QInputDialog(m_window);
    dialog->setObjectName(QStringLiteral("textQuestion"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(question.title);
    dialog->setLabelText(question.text);
    dialog->setTextValue(initial);
    if (!question.acceptLabel.isEmpty())
        dialog->setOkButtonText(question.acceptLabel);
    auto pending = once(dialog, std::move(answer), std::optional<QString>());
    QObject::connect(dialog, &QDialog::finished, dialog, [dialog, pending](int result) {
        if (auto call = std::exchange(*pending, nullptr))
            call(result == QDialog::Accepted ? std::optional<QString>(dialog->textValue()) : std::nullopt);
    });
    dialog->open();
}

} // namespace OrkestrUi
