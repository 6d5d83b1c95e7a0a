package io.syncline.examples.server;

/**
 * A technician. Technicians carry no {@code updated_at}.
 *
 * @param id the id
 * @param name the full name
 * @param email the e-mail address
 * @param active whether the technician takes orders
 */
record TechnicianEntity(long id, String name, String email, boolean active) implements Entity {

  @Override
  public long updatedAt() {
    return 0;
  }

  @Override
  public long createdAt() {
    return 0;
  }

  @Override
  public void appendJson(StringBuilder out) {
    out.append("{\"id\":").append(id).append(",\"name\":");
    Json.string(out, name).append(",\"email\":");
    Json.string(out, email).append(",\"active\":").append(active).append('}');
  }
}
