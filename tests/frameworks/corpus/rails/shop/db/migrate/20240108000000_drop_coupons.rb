require_relative "20240106000000_create_coupons"

class DropCoupons < ActiveRecord::Migration[6.1]
  def change
    revert CreateCoupons
    revert do
      create_table :promotions do |t|
        t.jsonb :rules
      end
      add_column :users, :flagged, :boolean
      drop_table :archive_notes do |t|
        t.text :body, null: false
        t.timestamps
      end
      remove_column :users, :referral_code, :string, limit: 12
    end
  end
end
