package io.syncline.examples.server;

/** One record of the demo API, in the shape it is sent. Implementations are immutable. */
sealed interface Entity permits OrderEntity, EquipmentEntity, TechnicianEntity {

  /** @return the record's id, positive and unique within its resource */
  long id();

  /** @return {@code updated_at} in epoch milliseconds; 0 for records without one */
  long updatedAt();

  /** @return {@code created_at} in epoch milliseconds; for records without one, their {@code updated_at} */
  long createdAt();

  /**
   * Appends the record's JSON object.
   *
   * @param out where to write
   */
  void appendJson(StringBuilder out);
}
