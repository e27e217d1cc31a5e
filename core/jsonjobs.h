#pragma once

#include "core/job.h"
#include "core/jsonresponse.h"

#include <QJsonArray>

namespace Orkestr {

// A job whose successful response is one JSON object, read with T::fromJson.
template<class T> class ObjectJob : public Job
{
protected:
    using Job::Job;
    const T &value() const { return m_value; }
    ApiError onResponseFinished(const QByteArray &collected) override
    {
        QJsonObject object;
        if (auto error = parseJsonObject(collected, &object); error.isError())
            return error;
        if (auto error = checkObject(object); error.isError())
            return error;
        m_value = T::fromJson(object);
        return {};
    }
    // What the object must hold beyond being one (a page's array); an invalid_response otherwise.
    virtual ApiError checkObject(const QJsonObject &) const { return {}; }

private:
    T m_value;
};

// A GET whose response is an object holding one array of T under `field` (the catalogue lists).
template<class T> class ArrayFieldJob : public Job
{
protected:
    ArrayFieldJob(QString path, QString field, QObject *parent)
        : Job("GET", std::move(path), parent)
        , m_field(std::move(field))
    {
    }
    const QList<T> &items() const { return m_items; }
    ApiError onResponseFinished(const QByteArray &collected) override
    {
        QJsonArray array;
        if (auto error = parseJsonArrayField(collected, m_field, &array); error.isError())
            return error;
        for (const auto &item : std::as_const(array))
            m_items.append(T::fromJson(item.toObject()));
        return {};
    }

private:
    QString m_field;
    QList<T> m_items;
};

} // namespace Orkestr
