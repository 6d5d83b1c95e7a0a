package io.syncline.examples.server;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Generates the demo data from a seed, and the changes mutations make. Same seed, counts and
 * anchor: the same records. Orders are created at a steady pace over the history window (ids in
 * creation order) and carry realistic runs of equal {@code updated_at}: bulk imports (records
 * created together, sharing {@code created_at} and {@code updated_at}) and bulk updates (a
 * batch job touching hundreds of orders at one instant), some longer than a 500-record page.
 * Not thread-safe: the server calls it under its mutation lock.
 */
final class DataGenerator {

  private static final String[] PLACES = {"Padaria", "Hospital", "Supermercado", "Hotel", "Clínica",
      "Frigorífico", "Escola", "Shopping", "Laboratório", "Restaurante", "Condomínio", "Farmácia",
      "Academia", "Data Center", "Indústria", "Sorveteria"};
  private static final String[] NAMES = {"São Jorge", "Boa Vista", "Central", "Aurora", "Santa Clara",
      "Primavera", "Ipiranga", "Atlântico", "Horizonte", "Bela Vista", "Estrela", "Paulista",
      "Maré Alta", "Jacarandá", "Três Rios", "Vila Nova"};
  private static final String[] MAKES = {"Carrier", "York", "Trane", "Daikin", "Springer", "Midea",
      "Hitachi", "Gree"};
  private static final String[] KINDS = {"Chiller", "Split", "Fan coil", "Câmara fria", "Compressor",
      "Self contained", "VRF", "Cortina de ar"};
  private static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Eduarda", "Felipe",
      "Gabriela", "Heitor", "Isabela", "João", "Karina", "Lucas", "Mariana", "Nicolas", "Otávio",
      "Paula", "Rafael", "Sofia", "Tiago", "Vitória"};
  private static final String[] LAST = {"Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira",
      "Costa", "Rodrigues", "Almeida", "Nascimento", "Araújo", "Ferreira", "Gonçalves", "Barbosa"};

  private static final long MINUTE = 60_000L;
  private static final long DAY = 86_400_000L;

  private final SplittableRandom mutations;
  private final List<String> customers;

  DataGenerator(long seed) {
    this.mutations = new SplittableRandom(seed ^ 0x5DEECE66DL);
    SplittableRandom r = new SplittableRandom(seed);
    List<String> c = new ArrayList<>();
    for (String place : PLACES) {
      for (String name : NAMES) {
        c.add(place + " " + name + (r.nextInt(3) == 0 ? " Ltda" : ""));
      }
    }
    // A stable shuffle so different seeds favour different customers.
    for (int i = c.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String t = c.get(i);
      c.set(i, c.get(j));
      c.set(j, t);
    }
    this.customers = List.copyOf(c);
  }

  /** @return the random source for mutations, deterministic from the seed */
  SplittableRandom mutationRandom() {
    return mutations;
  }

  // ------------------------------------------------------------------ initial data

  List<TechnicianEntity> technicians(long seed, int count) {
    SplittableRandom r = new SplittableRandom(seed * 31 + 3);
    List<TechnicianEntity> out = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      out.add(newTechnician(i, r));
    }
    return out;
  }

  List<EquipmentEntity> equipments(long seed, int count, long anchor, Duration history) {
    SplittableRandom r = new SplittableRandom(seed * 31 + 2);
    long start = anchor - history.toMillis();
    List<EquipmentEntity> out = new ArrayList<>(count);
    // The initial import from a spreadsheet: the oldest 40% share one instant.
    int imported = count * 2 / 5;
    long importedAt = start + r.nextLong(DAY);
    for (int i = 1; i <= count; i++) {
      long updated = i <= imported ? importedAt : start + DAY + r.nextLong(Math.max(1, anchor - start - DAY));
      out.add(newEquipment(i, updated, r));
    }
    return out;
  }

  List<OrderEntity> orders(long seed, int count, int equipments, List<EquipmentEntity> equipmentList,
      int technicians, long anchor, Duration history) {
    SplittableRandom r = new SplittableRandom(seed * 31 + 1);
    long span = history.toMillis();
    long start = anchor - span;
    long[] created = new long[count + 1];
    long[] updated = new long[count + 1];
    for (int i = 1; i <= count; i++) {
      // Non-decreasing with the id: ids are handed out in creation order.
      created[i] = start + (long) ((i - 1 + r.nextDouble()) * span / count);
      double u = r.nextDouble();
      updated[i] = created[i] + (long) ((anchor - created[i]) * u * u * u);
    }
    // Bulk imports: a contiguous range created together, sharing created_at and updated_at.
    int imports = count >= 200 ? Math.max(2, count / 5_000) : 0;
    for (int k = 0; k < imports; k++) {
      int size = 100 + r.nextInt(Math.max(1, Math.min(1100, count / 3)));
      size = Math.min(size, count / 2);
      int a = 1 + r.nextInt(Math.max(1, count - size));
      for (int i = a; i < a + size; i++) {
        created[i] = created[a];
        updated[i] = created[a];
      }
    }
    // Bulk updates: a batch job touches a contiguous range at one instant; the first one is
    // longer than a full 500-record page whenever there are enough orders.
    int jobs = count >= 100 ? Math.max(2, count / 3_000) : 0;
    for (int k = 0; k < jobs; k++) {
      int size = k == 0 ? 520 + r.nextInt(700) : 30 + r.nextInt(900);
      size = Math.min(size, count / 3);
      int a = 1 + r.nextInt(Math.max(1, count - size));
      long t = Math.min(anchor, created[a + size - 1] + MINUTE + r.nextLong(3 * DAY));
      for (int i = a; i < a + size; i++) {
        updated[i] = Math.max(t, created[i]);
      }
    }
    // Small ties: a technician's app syncs two orders closed together.
    for (int k = 0; k < count / 50; k++) {
      int i = 1 + r.nextInt(Math.max(1, count - 1));
      if (i + 1 <= count && updated[i] >= created[i + 1]) {
        updated[i + 1] = updated[i];
      }
    }
    List<OrderEntity> out = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      long ageDays = (anchor - created[i]) / DAY;
      String status = status(ageDays, r);
      long equipment = equipments == 0 ? 0 : 1 + r.nextInt(equipments);
      String customer = equipment == 0 ? customer(r) : equipmentList.get((int) equipment - 1).customer();
      long technician = technicians == 0 || (status.equals("open") && r.nextInt(4) == 0)
          ? 0 : 1 + r.nextInt(technicians);
      out.add(new OrderEntity(i, status, customer, technician, equipment, created[i], updated[i]));
    }
    return out;
  }

  private static String status(long ageDays, SplittableRandom r) {
    int p = r.nextInt(100);
    if (ageDays > 14) {
      return p < 80 ? "done" : p < 90 ? "cancelled" : p < 94 ? "in_progress" : p < 97 ? "scheduled" : "open";
    }
    if (ageDays > 3) {
      return p < 40 ? "done" : p < 47 ? "cancelled" : p < 67 ? "in_progress" : p < 85 ? "scheduled" : "open";
    }
    return p < 40 ? "open" : p < 70 ? "scheduled" : p < 90 ? "in_progress" : p < 98 ? "done" : "cancelled";
  }

  private String customer(SplittableRandom r) {
    // Skewed: a few big customers have most of the orders, as in real life.
    double u = r.nextDouble();
    return customers.get((int) (u * u * customers.size()));
  }

  private TechnicianEntity newTechnician(long id, SplittableRandom r) {
    String first = FIRST[r.nextInt(FIRST.length)];
    String last = LAST[r.nextInt(LAST.length)];
    String email = ascii(first) + "." + ascii(last) + id + "@fieldservice.example";
    return new TechnicianEntity(id, first + " " + last, email, r.nextInt(10) != 0);
  }

  private EquipmentEntity newEquipment(long id, long updatedAt, SplittableRandom r) {
    String make = MAKES[r.nextInt(MAKES.length)];
    String kind = KINDS[r.nextInt(KINDS.length)];
    String name = kind + " " + make + " " + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26))
        + "-" + (100 + r.nextInt(900));
    String serial = make.substring(0, 2).toUpperCase(Locale.ROOT) + String.format("%08d", r.nextInt(100_000_000));
    return new EquipmentEntity(id, name, serial, customer(r), updatedAt);
  }

  private static String ascii(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------ mutations

  /**
   * The next version of a record: an order moves along its lifecycle, an equipment may move to
   * another customer, a technician may be (de)activated.
   *
   * @param e the current version
   * @param updatedAt the new {@code updated_at} (ignored for technicians)
   * @param technicianIds picks an existing technician id, 0 when there is none
   * @return the new version
   */
  Entity change(Entity e, long updatedAt, LongSupplier technicianIds) {
    SplittableRandom r = mutations;
    if (e instanceof OrderEntity o) {
      String status = switch (o.status()) {
        case "open" -> r.nextInt(10) == 0 ? "cancelled" : "scheduled";
        case "scheduled" -> "in_progress";
        case "in_progress" -> r.nextInt(10) == 0 ? "cancelled" : "done";
        default -> o.status();
      };
      long tech = o.technicianId();
      if ((tech == 0 || r.nextInt(10) == 0) && !status.equals("cancelled")) {
        long picked = technicianIds.getAsLong();
        tech = picked == 0 ? tech : picked;
      }
      return new OrderEntity(o.id(), status, o.customer(), tech, o.equipmentId(), o.createdAt(), updatedAt);
    }
    if (e instanceof EquipmentEntity q) {
      String customer = r.nextInt(2) == 0 ? customer(r) : q.customer();
      return new EquipmentEntity(q.id(), q.name(), q.serial(), customer, updatedAt);
    }
    TechnicianEntity t = (TechnicianEntity) e;
    return new TechnicianEntity(t.id(), t.name(), t.email(), !t.active());
  }

  /**
   * A new record.
   *
   * @param resource which resource
   * @param id its id
   * @param at its {@code created_at} and {@code updated_at}
   * @param equipmentIds an equipment id source for orders: returns 0 when there is none
   * @param equipmentCustomer the customer of an equipment id
   * @param technicianIds picks an existing technician id, 0 when there is none
   * @return the record
   */
  Entity create(ApiResource resource, long id, long at, LongSupplier equipmentIds,
      LongFunction<String> equipmentCustomer, LongSupplier technicianIds) {
    SplittableRandom r = mutations;
    return switch (resource) {
      case ORDERS -> {
        long equipment = equipmentIds.getAsLong();
        String customer = equipment == 0 ? customer(r) : equipmentCustomer.apply(equipment);
        long tech = r.nextInt(2) == 0 ? 0 : technicianIds.getAsLong();
        yield new OrderEntity(id, "open", customer, tech, equipment, at, at);
      }
      case EQUIPMENTS -> newEquipment(id, at, r);
      case TECHNICIANS -> newTechnician(id, r);
    };
  }
}
