package io.syncline.examples.server;

/**
 * A service order.
 *
 * @param id the id
 * @param status open, scheduled, in_progress, done or cancelled
 * @param customer the customer's name
 * @param technicianId the assigned technician, 0 when none (sent as {@code null})
 * @param equipmentId the equipment serviced, 0 when none (sent as {@code null})
 * @param createdAt epoch millis
 * @param updatedAt epoch millis
 */
record OrderEntity(long id, String status, String customer, long technicianId, long equipmentId,
    long createdAt, long updatedAt) implements Entity {

  /** The statuses an order can have, in lifecycle order. */
  static final String[] STATUSES = {"open", "scheduled", "in_progress", "done", "cancelled"};

  @Override
  public void appendJson(StringBuilder out) {
    out.append("{\"id\":").append(id).append(",\"number\":\"OS-").append(id).append("\",\"status\":");
    Json.string(out, status).append(",\"customer\":");
    Json.string(out, customer).append(",\"technician_id\":");
    if (technicianId > 0) {
      out.append(technicianId);
    } else {
      out.append("null");
    }
    out.append(",\"equipment_id\":");
    if (equipmentId > 0) {
      out.append(equipmentId);
    } else {
      out.append("null");
    }
    out.append(",\"created_at\":\"").append(Json.timestamp(createdAt))
        .append("\",\"updated_at\":\"").append(Json.timestamp(updatedAt)).append("\"}");
  }
}
