# This file is auto-generated from the current state of the database.
ActiveRecord::Schema.define(version: 2024_01_05_000000) do

  # These are extensions that must be enabled in order to support this database
  enable_extension "plpgsql"

  create_table "labels", id: false, force: :cascade do |t|
    t.string "name", null: false
    t.datetime "created_at", precision: 6
    t.datetime "updated_at", precision: 6
  end

  create_table "orders", id: :uuid, default: -> { "gen_random_uuid()" }, force: :cascade do |t|
    t.bigint "user_id", null: false
    t.decimal "amount", precision: 14, scale: 2
    t.datetime "created_at", precision: 6
    t.datetime "updated_at", precision: 6
    t.boolean "archived", default: false, null: false
    t.string "currency", limit: 3
    t.text "legacy_code"
    t.index ["currency"], name: "index_orders_on_currency"
    t.index ["user_id"], name: "index_orders_on_user_id"
  end

  create_table "users", force: :cascade do |t|
    t.string "email"
    t.string "full_name", limit: 80
    t.integer "age"
    t.decimal "balance", precision: 10, scale: 2
    t.boolean "active", default: true
    t.datetime "seen_at"
    t.datetime "precise_at", precision: 3
    t.date "born"
    t.time "wakes"
    t.text "bio"
    t.binary "avatar"
    t.json "doc"
    t.jsonb "prefs"
    t.uuid "token"
    t.inet "ip"
    t.string "tags", array: true
    t.string "code", limit: 8
    t.datetime "created_at", precision: 6, null: false
    t.datetime "updated_at", precision: 6, null: false
    t.string "nickname", limit: 40
    t.string "account_id"
    t.index ["email"], name: "index_users_on_email", unique: true
  end

  add_foreign_key "orders", "users"
end
