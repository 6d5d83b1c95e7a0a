package io.syncline.examples.server;

/**
 * An equipment installed at a customer's site.
 *
 * @param id the id
 * @param name make and model
 * @param serial the serial number
 * @param customer the owner's name
 * @param updatedAt epoch millis
 */
record EquipmentEntity(long id, String name, String serial, String customer, long updatedAt) implements Entity {

  @Override
  public long createdAt() {
    return updatedAt;
  }

  @Override
  public void appendJson(StringBuilder out) {
    out.append("{\"id\":").append(id).append(",\"name\":");
    Json.string(out, name).append(",\"serial\":");
    Json.string(out, serial).append(",\"customer\":");
    Json.string(out, customer).append(",\"updated_at\":\"").append(Json.timestamp(updatedAt)).append("\"}");
  }
}
