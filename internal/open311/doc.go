// Package open311 speaks Open311 GeoReport v2 for Loa: the standard way
// for other systems (city apps, FixMyStreet-style sites, agencies'
// contact centres) to list the kinds of report Loa takes, file a report
// on a citizen's behalf and follow reports. It holds the wire types (with
// the specification's element names for XML and the Spark-convention JSON
// the specification derives from them), the mapping of Loa's case states
// onto Open311's open/closed and mySociety's extended statuses, strict
// parsers for what clients send, and the table open311_requests (migration
// 00016) where the parts of a request that are not a case (location, media
// link) are kept. It knows nothing of HTTP: internal/web serves it under
// /open311/v2/ with discovery at /open311/discovery.{json,xml}.
//
// # Choices
//
//   - Service codes are Loa's case categories (cases.Categories: huong-dan,
//     he-thong, thai-do, thoi-han, phi, khac). Reports in Loa are about
//     administrative procedures, not potholes; the categories are what
//     routing and deadlines are keyed on, they are few and stable, so an
//     Open311 client can offer them as its list of request types. The
//     service (thủ tục) a report concerns, its province and commune are
//     attributes of every service's definition (metadata true).
//   - service_request_id is the case's public tracking code
//     ("PA-K7QXM-3DHTW"), the one the citizen is given; any spelling
//     cases.NormalizeCode accepts is accepted.
//   - Services are realtime: POST answers with the service_request_id at
//     once and never a token. GET tokens/{token} answers all the same,
//     taking the tracking code as its own token, for clients that call it.
//   - The location is optional, unlike the specification: many reports
//     have no place (the portal is down). When lat/long is given it must
//     lie in Vietnam's bounding box (the Hoàng Sa and Trường Sa archipelagos
//     included).
//   - GET responses carry only what the public status page shows: the
//     description and address redacted (cases.Redact), no contact, no
//     media_url (a photograph may show people and nobody has reviewed it),
//     no account or device id. Those are kept for staff only, or not at all
//     (device_id and account_id are dropped).
//   - mySociety's extended statuses are served through its Service Request
//     Updates extension (servicerequestupdates.{format}); GET requests keep
//     the standard open/closed.
package open311
