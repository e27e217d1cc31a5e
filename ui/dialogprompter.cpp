#include "ui/dialogprompter.h"

#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

#include <memory>
#include <utility>

namespace OrkestrUi {

namespace {
// Answers exactly once: when the dialog closes, or with `unanswered` when it is destroyed open
// (its window went away).
template<class Value>
std::function<void(Value)> once(QDialog *dialog, std::function<void(Value)> answer, Value unanswered)
{
    auto pending = std::make_shared<std::function<void(Value)>>(std::move(answer));
    QObject::connect(dialog, &QObject::destroyed, [pending, unanswered] {
        if (auto reply = std::exchange(*pending, nullptr))
            reply(unanswered);
    });
    return [pending](Value value) {
        if (auto reply = std::exchange(*pending, nullptr))
            reply(value);
    };
}
} // namespace

DialogPrompter::DialogPrompter(QWidget *parent)
    : QObject(parent)
    , m_parent(parent)
{
}

void DialogPrompter::confirm(const OrkestrSession::Question &question,
                             std::function<void(bool accepted)> answer)
{
    auto *box = new QMessageBox(question.destructive ? QMessageBox::Warning : QMessageBox::Question,
                                question.title, question.text, QMessageBox::Cancel, m_parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *accept = question.acceptLabel.isEmpty()
        ? box->addButton(QMessageBox::Ok)
        : box->addButton(question.acceptLabel, QMessageBox::AcceptRole);
    // A destructive step is never the default: Enter cancels it.
    if (question.destructive)
        box->setDefaultButton(QMessageBox::Cancel);
    else
        box->setDefaultButton(accept);
    auto reply = once<bool>(box, std::move(answer), false);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, accept, reply] { reply(box->clickedButton() == accept); });
    box->open();
}

void DialogPrompter::askText(const OrkestrSession::Question &question, const QString &initial,
                             std::function<void(std::optional<QString> text)> answer)
{
    auto *dialog = new QInputDialog(m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(question.title);
    dialog->setLabelText(question.text);
    dialog->setTextValue(initial);
    if (!question.acceptLabel.isEmpty())
        dialog->setOkButtonText(question.acceptLabel);
    auto reply = once<std::optional<QString>>(dialog, std::move(answer), std::nullopt);
    QObject::connect(dialog, &QInputDialog::finished, dialog, [dialog, reply](int result) {
        reply(result == QDialog::Accepted ? std::optional(dialog->textValue()) : std::nullopt);
    });
    dialog->open();
}

} // namespace OrkestrUi
