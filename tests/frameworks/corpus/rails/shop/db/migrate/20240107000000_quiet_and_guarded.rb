class QuietAndGuarded < ActiveRecord::Migration[6.1]
  FLAGGED = %w[coupons users].freeze

  def change
    add_foreign_key :coupons, :users, validate: false
    validate_foreign_key :coupons, :users
    add_check_constraint :coupons, "length(code) > 0", name: "code_present", validate: false
    validate_check_constraint :coupons, name: "code_present"
    unless column_exists?(:coupons, :note)
      add_column :coupons, :note, :text
    end
    add_column :coupons, :note, :text, if_not_exists: true
    add_index :coupons, :code unless index_exists?(:coupons, :code)
    FLAGGED.each do |table|
      add_column table, :flagged, :boolean
      execute "ALTER TABLE #{table} ADD COLUMN flagged_at date"
    end
    ActiveRecord::Base.transaction do
      add_column :coupons, :amount, :integer
    end
    execute "ALTER TABLE coupons " \
            "ADD COLUMN kind text"
    execute <<~SQL.squish
      ALTER TABLE coupons ADD COLUMN expires_on date
    SQL
    create_table :promotions do |t|
      if t.respond_to?(:jsonb)
        t.jsonb :rules
      else
        t.json :rules
      end
    end
  end
end
